/** Medicine search in the service: the outbox-fed indexer, the search and suggest endpoints, the query cache. */
package ai.healthflow.medicine.search;
