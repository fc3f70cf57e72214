/** Registry import: CSV (RFC 4180) and XLSX files streamed row by row, validated, upserted by registration number. */
package ai.healthflow.medicine.importing;
