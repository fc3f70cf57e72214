/** Medicine registry: registered products, their active ingredients and official price history. */
package ai.healthflow.medicine;
