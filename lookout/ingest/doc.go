// Package ingest checks, before an Amazon Lookout for Equipment data
// ingestion job runs, what the job would read and how it would grade the
// data: which objects it would match, which files it would discard and why,
// and the figures the service would report.
package ingest
