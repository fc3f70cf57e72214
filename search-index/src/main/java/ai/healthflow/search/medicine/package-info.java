/** Medicine search: the index of the registry, bilingual queries, facets and suggestions. */
package ai.healthflow.search.medicine;
