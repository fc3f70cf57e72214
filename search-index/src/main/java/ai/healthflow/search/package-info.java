/**
 * The medicine search index: a pure Lucene library that takes documents and queries and returns hits. It knows
 * nothing about HTTP or SQL, which keeps it fast to test and replaceable behind one interface.
 */
package ai.healthflow.search;
