/**
 * Pharmacies: the public profile of each pharmacy tenant (address, coordinates, hours, delivery), the directory
 * and nearby search, and each pharmacy's own stock and selling prices.
 */
package ai.healthflow.pharmacy;
