/**
 * Price comparison: a medicine's official price and history beside the selling prices of the pharmacies around a
 * point, and its cheaper therapeutic equivalents.
 */
package ai.healthflow.price;
