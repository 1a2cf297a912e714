// Package store is the durable state of the stand-in Lookout for Equipment
// endpoint: datasets, data ingestion jobs, their sensor statistics, label
// groups and their labels, the tags and resource policies of every resource
// that has an ARN, and the client tokens that make CreateDataset,
// StartDataIngestionJob, CreateLabelGroup, CreateLabel and PutPolicy
// idempotent, kept in an embedded SQLite database (modernc.org/sqlite, no cgo).
//
// # Durability
//
// Every method that changes the state returns only after the change is
// committed and the database's write-ahead log is synced to stable storage
// (SQLite's WAL mode with synchronous=FULL): a process killed at any moment
// loses nothing it acknowledged. Changes that arrive together are committed
// together (group commit): one writer goroutine runs them in one
// transaction and syncs once for all of them. A change refused by a rule
// writes nothing, so the others of its batch go on; a change that fails
// while writing rolls the transaction back, and the others run again
// without it.
//
// Datasets, which are few (a quota of 15 by default), are all held in
// memory besides the database: an index that the writer owns and updates
// once a batch is committed, before any of its changes is acknowledged
// (nothing when it is rolled back), which Dataset and ListDatasets read and
// the writer's rules check. Nothing is kept in Go memory per job beyond a
// cache of the 8,192 jobs last written or read (clients poll the jobs they
// started) and one of the ListJobs pages last read (16,384 summaries at
// most, each page dropped once a job of its list changes): other reads go
// to the database through a small pool of read-only connections, each with
// SQLite's bounded page cache.
//
// A database is open in one Store at a time, held by a lock file beside
// it; Open refuses a database in use (*InUseError), a damaged one
// (*DamagedError, from SQLite's quick_check of every page) and one its
// folder cannot hold (*NotWritableError).
//
// # The clock
//
// Every time the store records follows its Clock (package clock): the wall
// clock, or an origin and a scale asked by Options.Clock, kept in the
// database at its creation so that the clock goes on across reopenings;
// asking another later gives a *ClockMismatchError.
//
// The path Memory opens a database held in memory (SQLite's memdb VFS), for
// tests; it is gone when the Store is closed.
//
// # Lifecycle
//
// A dataset is CREATED when made. StartJob makes a job IN_PROGRESS and its
// dataset INGESTION_IN_PROGRESS. FinishJob ends the job: SUCCESS makes the
// dataset ACTIVE and its last ingestion that job (configuration, figures,
// data range); FAILED returns the dataset to what it was before the job
// (ACTIVE when an earlier ingestion succeeded, CREATED otherwise). The rules,
// each checked atomically with the change it guards:
//
//   - A ClientToken seen before returns the dataset or job it made when the
//     parameters are the same (the call is a replay), and a *ConflictError
//     (ReasonTokenReused) when they differ.
//   - A dataset name is unique (ReasonDatasetExists); there are at most
//     Options.MaxDatasets datasets (*QuotaError, LimitDatasets).
//   - A dataset runs one ingestion at a time (ReasonIngestionInProgress); at
//     most Options.MaxPending jobs are IN_PROGRESS in all (*QuotaError,
//     LimitPendingJobs).
//   - A dataset being ingested cannot be deleted (ReasonIngestionInProgress);
//     deleting a dataset deletes its jobs, their statistics and their tokens.
//   - Unknown dataset names and job ids give a *NotFoundError.
//
// Label groups and labels:
//
//   - A label group name is unique (ReasonLabelGroupExists); there are at
//     most Options.MaxLabelGroups label groups (*QuotaError,
//     LimitLabelGroups). Its ARN is
//     arn:aws:lookoutequipment:REGION:ACCOUNT:label-group/NAME/UUID.
//   - A label's FaultCode, when given, is one of its group's
//     (*FaultCodeError); UpdateLabelGroup replaces the group's fault codes
//     and leaves the labels as they are. Label times are kept to the
//     nanosecond, years 1 to 9999.
//   - Deleting a label group deletes its labels, their tokens, its tags
//     and its policy.
//
// Tags and policies are keyed by ARN, for every kind of resource the store
// holds (datasets and label groups; a kind added later adds its resolver,
// see tags.go): an ARN the store holds no resource of gives a
// *NotFoundError (ResourceARN). A resource has at most MaxTags tags
// (*TagLimitError, nothing changed); CreateDataset's and CreateLabelGroup's
// tags are stored as TagResource stores them. A resource has at most one
// policy; each PutPolicy makes a new revision, and one naming a revision
// other than the current one gets a *ConflictError (ReasonPolicyRevision).
// Deleting a resource deletes its tags and its policy.
//
// Jobs IN_PROGRESS when the process stopped are still IN_PROGRESS when the
// database is opened again: InProgress lists them so that they can be run
// again.
//
// # Pagination
//
// Lists are read in pages by keyset on an immutable key (datasets and label
// groups by name, jobs by creation order, statistics in the order the job
// gave them, labels by start time, then id), so a
// page never repeats or skips an item that exists throughout the listing,
// whatever is inserted meanwhile. A page token is opaque: the position
// sealed with AES-GCM under a key kept in the database, bound to the list and
// its filters. A token that was forged, altered, or made for another list or
// other filters is refused with an *InvalidTokenError.
package store
