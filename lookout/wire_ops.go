package lookout

// TargetStartDataIngestionJob is the X-Amz-Target header of a
// StartDataIngestionJob request: the service's target prefix and the
// operation's name.
const TargetStartDataIngestionJob = targetPrefix + "StartDataIngestionJob"
