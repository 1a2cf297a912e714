package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
)

// modelConfig is a model's configuration as the store keeps it (its
// Config document): what CreateModel was given, with UpdateModel's
// changes. Each version keeps the configuration it was trained with.
type modelConfig struct {
	// Schema is the DatasetSchema given, or the dataset's when none was.
	Schema                         string
	TrainingStart, TrainingEnd     *time.Time                                   `json:",omitempty"`
	EvaluationStart, EvaluationEnd *time.Time                                   `json:",omitempty"`
	Rate                           lookout.TargetSamplingRate                   `json:",omitempty"`
	Labels                         *lookout.LabelsInputConfiguration            `json:",omitempty"`
	OffCondition                   string                                       `json:",omitempty"`
	RoleArn                        string                                       `json:",omitempty"`
	Diagnostics                    *lookout.ModelDiagnosticsOutputConfiguration `json:",omitempty"`
	KMSKeyID                       string                                       `json:",omitempty"`
	// InferenceImport is the InferenceDataImportStrategy of the latest
	// ImportModelVersion into the model ("" for NO_IMPORT): what its
	// retrainings add of the inference data of the model and of
	// InferenceImportFrom, the model that import's version came from
	// (inferimport.go).
	InferenceImport     lookout.InferenceDataImportStrategy `json:",omitempty"`
	InferenceImportFrom string                              `json:",omitempty"`
}

// decodeModelConfig reads a model's stored configuration.
func decodeModelConfig(b []byte) (modelConfig, error) {
	var c modelConfig
	if err := json.Unmarshal(b, &c); err != nil {
		return c, errors.New("stored model configuration unreadable: " + err.Error())
	}
	return c, nil
}

// timeOf is the time of an optional wire time, nil for none.
func timeOfWire(t *lookout.Timestamp) *time.Time {
	if t == nil {
		return nil
	}
	v := t.Time().UTC()
	return &v
}

// wireOf is the wire time of an optional time (nil for none), allocated.
func wireOf(t *time.Time) *lookout.Timestamp {
	if t == nil {
		return nil
	}
	return new(lookout.TimestampOf(*t))
}

// CreateModel stores a model, IN_PROGRESS, and queues its first training.
// The dataset must exist (ResourceNotFoundException) and be ACTIVE; a
// DatasetSchema given must list only the dataset's components and
// sensors; an OffCondition must read as detect.ParseOffCondition reads it,
// its sensor one of the model's; a label group named must exist.
func (s *service) CreateModel(ctx context.Context, req *lookout.CreateModelRequest) (*lookout.CreateModelResponse, error) {
	ds, err := s.st.Dataset(ctx, req.DatasetName)
	if err != nil {
		return nil, serviceError(err)
	}
	if ds.Status != store.DatasetActive {
		return nil, &lookout.ValidationException{Message: "Dataset " + ds.Name + " is " + string(ds.Status) +
			": a model is trained on an ACTIVE dataset (one a data ingestion job has filled)"}
	}
	cfg := modelConfig{
		TrainingStart: timeOfWire(req.TrainingDataStartTime), TrainingEnd: timeOfWire(req.TrainingDataEndTime),
		EvaluationStart: timeOfWire(req.EvaluationDataStartTime), EvaluationEnd: timeOfWire(req.EvaluationDataEndTime),
		OffCondition: strings.Clone(req.OffCondition), RoleArn: strings.Clone(req.RoleArn),
		Labels: req.LabelsInputConfiguration, Diagnostics: req.ModelDiagnosticsOutputConfiguration,
		KMSKeyID: strings.Clone(req.ServerSideKmsKeyId),
	}
	if p := req.DataPreProcessingConfiguration; p != nil {
		cfg.Rate = p.TargetSamplingRate
	}
	if err := checkRanges(cfg); err != nil {
		return nil, err
	}
	if ds.Schema != nil {
		cfg.Schema = *ds.Schema
	}
	if req.DatasetSchema != nil && req.DatasetSchema.InlineDataSchema != "" {
		if err := checkSubSchema(req.DatasetSchema.InlineDataSchema, cfg.Schema); err != nil {
			return nil, err
		}
		cfg.Schema = strings.Clone(req.DatasetSchema.InlineDataSchema)
	}
	if cfg.OffCondition != "" {
		if err := checkOffCondition(cfg.OffCondition, cfg.Schema); err != nil {
			return nil, err
		}
	}
	doc, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	m, replay, err := s.st.CreateModel(ctx, store.NewModel{
		Name: strings.Clone(req.ModelName), ClientToken: strings.Clone(req.ClientToken),
		Dataset: ds.Name, Config: doc, LabelGroup: labelGroupOf(cfg.Labels), Tags: tagsOf(req.Tags),
	})
	if err != nil {
		return nil, serviceError(err)
	}
	if !replay && s.train != nil {
		s.train.enqueue(m.Name, 1)
	}
	return &lookout.CreateModelResponse{ModelArn: m.ARN, Status: lookout.ModelStatus(m.Status)}, nil
}

// labelGroupOf is the label group a labels configuration names, "" for
// none.
func labelGroupOf(l *lookout.LabelsInputConfiguration) string {
	if l == nil {
		return ""
	}
	return l.LabelGroupName
}

// checkRanges refuses a range that ends before it starts.
func checkRanges(c modelConfig) error {
	for _, r := range [][2]*time.Time{{c.TrainingStart, c.TrainingEnd}, {c.EvaluationStart, c.EvaluationEnd}} {
		if r[0] != nil && r[1] != nil && r[1].Before(*r[0]) {
			return &lookout.ValidationException{Message: "a data range ends (" + r[1].Format(time.RFC3339) +
				") before it starts (" + r[0].Format(time.RFC3339) + ")"}
		}
	}
	return nil
}

// checkSubSchema refuses a model's schema that lists a component or a
// sensor the dataset's schema does not.
func checkSubSchema(model, dataset string) error {
	ms, err := lookout.ParseDataSchema(model)
	if err != nil {
		return &lookout.ValidationException{Message: "DatasetSchema: " + err.Error()}
	}
	if dataset == "" {
		return &lookout.ValidationException{Message: "DatasetSchema: the dataset has no schema to choose from"}
	}
	ds, err := lookout.ParseDataSchema(dataset)
	if err != nil {
		return fmt.Errorf("the dataset's stored schema is invalid: %w", err)
	}
	have := make(map[string]map[string]bool, len(ds.Components))
	for _, c := range ds.Components {
		cols := make(map[string]bool, len(c.Columns))
		for _, col := range c.Columns[1:] {
			cols[col.Name] = true
		}
		have[c.ComponentName] = cols
	}
	var missing []string
	for _, c := range ms.Components {
		cols, ok := have[c.ComponentName]
		if !ok {
			missing = append(missing, "component "+c.ComponentName)
			continue
		}
		for _, col := range c.Columns[1:] {
			if !cols[col.Name] {
				missing = append(missing, "sensor "+c.ComponentName+`\`+col.Name)
			}
		}
	}
	if len(missing) > 0 {
		return &lookout.ValidationException{Message: "DatasetSchema lists what the dataset does not have: " + strings.Join(missing, ", ")}
	}
	return nil
}

// schemaSensors are the sensors of a schema, COMPONENT\SENSOR, in schema
// order.
func schemaSensors(doc string) ([]string, *lookout.DataSchema, error) {
	if doc == "" {
		return nil, nil, errors.New("the model has no schema")
	}
	sc, err := lookout.ParseDataSchema(doc)
	if err != nil {
		return nil, nil, err
	}
	var out []string
	for _, c := range sc.Components {
		for _, col := range c.Columns[1:] {
			out = append(out, c.ComponentName+`\`+col.Name)
		}
	}
	return out, sc, nil
}

// checkOffCondition refuses an off condition that does not parse, or
// whose sensor is not one of the schema's.
func checkOffCondition(text, schema string) error {
	c, err := detect.ParseOffCondition(text)
	if err != nil {
		return &lookout.ValidationException{Message: "OffCondition: " + err.Error()}
	}
	sensors, _, err := schemaSensors(schema)
	if err != nil {
		return &lookout.ValidationException{Message: "OffCondition: " + err.Error()}
	}
	for _, s := range sensors {
		if s == c.Name() {
			return nil
		}
	}
	return &lookout.ValidationException{Message: "OffCondition names " + c.Name() + ", which is not a sensor of the model's schema"}
}

// DescribeModel returns a model, its configuration, its active version
// and that version's training.
func (s *service) DescribeModel(ctx context.Context, req *lookout.DescribeModelRequest) (*lookout.DescribeModelResponse, error) {
	m, err := s.st.Model(ctx, req.ModelName)
	if err != nil {
		return nil, serviceError(err)
	}
	cfg, err := decodeModelConfig(m.Config)
	if err != nil {
		return nil, err
	}
	var ts timestamps
	resp := &lookout.DescribeModelResponse{
		ModelName: m.Name, ModelArn: m.ARN, DatasetName: m.Dataset, DatasetArn: m.DatasetARN,
		Schema: cfg.Schema, LabelsInputConfiguration: cfg.Labels,
		TrainingDataStartTime: wireOf(cfg.TrainingStart), TrainingDataEndTime: wireOf(cfg.TrainingEnd),
		EvaluationDataStartTime: wireOf(cfg.EvaluationStart), EvaluationDataEndTime: wireOf(cfg.EvaluationEnd),
		RoleArn: cfg.RoleArn, Status: lookout.ModelStatus(m.Status), OffCondition: cfg.OffCondition,
		ModelDiagnosticsOutputConfiguration: cfg.Diagnostics, ServerSideKmsKeyId: cfg.KMSKeyID,
		CreatedAt: ts.of(m.CreatedAt), LastUpdatedTime: ts.of(m.UpdatedAt),
		ModelVersionActivatedAt: ts.of(m.ActiveAt), PreviousModelVersionActivatedAt: ts.of(m.PreviousAt),
	}
	if cfg.Rate != "" {
		resp.DataPreProcessingConfiguration = &lookout.DataPreProcessingConfiguration{TargetSamplingRate: cfg.Rate}
	}
	if m.Previous > 0 {
		resp.PreviousActiveModelVersion, resp.PreviousActiveModelVersionArn = new(m.Previous), m.VersionARN(m.Previous)
	}
	// The training shown: the active version's, or the latest's before
	// one succeeded.
	n := m.Active
	if n > 0 {
		resp.ActiveModelVersion, resp.ActiveModelVersionArn = new(n), m.VersionARN(n)
	} else {
		list, _, err := s.st.ListModelVersions(ctx, store.VersionFilter{Model: m.Name}, store.Page{Limit: store.MaxPageSize})
		if err != nil {
			return nil, serviceError(err)
		}
		if len(list) > 0 {
			n = list[len(list)-1].Version
		}
	}
	if n > 0 {
		v, err := s.st.ModelVersion(ctx, m.Name, n)
		if err != nil {
			return nil, serviceError(err)
		}
		resp.TrainingExecutionStartTime = wireOf(nonZero(v.Started))
		resp.TrainingExecutionEndTime = wireOf(nonZero(v.Ended))
		resp.FailedReason = v.FailedReason
		resp.ModelMetrics = v.Metrics
		if v.SourceType == store.SourceImport {
			resp.SourceModelVersionArn = v.SourceARN
		}
	}
	return resp, nil
}

// nonZero is &t, nil for the zero time.
func nonZero(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// ListModels returns a page of the models, by name.
func (s *service) ListModels(ctx context.Context, req *lookout.ListModelsRequest) (*lookout.ListModelsResponse, error) {
	list, next, err := s.st.ListModels(ctx, store.ModelFilter{NameBeginsWith: req.ModelNameBeginsWith,
		DatasetBeginsWith: req.DatasetNameBeginsWith, Status: string(req.Status)}, pageOf(req.MaxResults, deref(req.NextToken)))
	if err != nil {
		return nil, serviceError(err)
	}
	resp := &lookout.ListModelsResponse{NextToken: optional(next), ModelSummaries: make([]lookout.ModelSummary, len(list))}
	for i, m := range list {
		cfg, err := decodeModelConfig(m.Config)
		if err != nil {
			return nil, err
		}
		sum := lookout.ModelSummary{ModelName: m.Name, ModelArn: m.ARN, DatasetName: m.Dataset, DatasetArn: m.DatasetARN,
			Status: lookout.ModelStatus(m.Status), CreatedAt: new(lookout.TimestampOf(m.CreatedAt)),
			ModelDiagnosticsOutputConfiguration: cfg.Diagnostics}
		if m.Active > 0 {
			sum.ActiveModelVersion, sum.ActiveModelVersionArn = new(m.Active), m.VersionARN(m.Active)
		}
		resp.ModelSummaries[i] = sum
	}
	return resp, nil
}

// UpdateModel changes a model's LabelsInputConfiguration, RoleArn and
// ModelDiagnosticsOutputConfiguration, each when given; the next training
// uses them, the versions trained keep theirs.
func (s *service) UpdateModel(ctx context.Context, req *lookout.UpdateModelRequest) (*lookout.UpdateModelResponse, error) {
	var group string
	m, err := s.st.Model(ctx, req.ModelName)
	if err != nil {
		return nil, serviceError(err)
	}
	group = m.LabelGroup
	if req.LabelsInputConfiguration != nil {
		group = labelGroupOf(req.LabelsInputConfiguration)
	}
	err = s.st.UpdateModel(ctx, req.ModelName, group, func(old []byte) ([]byte, error) {
		cfg, err := decodeModelConfig(old)
		if err != nil {
			return nil, err
		}
		if req.LabelsInputConfiguration != nil {
			cfg.Labels = req.LabelsInputConfiguration
		}
		if req.RoleArn != "" {
			cfg.RoleArn = strings.Clone(req.RoleArn)
		}
		if req.ModelDiagnosticsOutputConfiguration != nil {
			cfg.Diagnostics = req.ModelDiagnosticsOutputConfiguration
		}
		return json.Marshal(cfg)
	})
	if err != nil {
		return nil, serviceError(err)
	}
	return &lookout.UpdateModelResponse{}, nil
}

// DeleteModel deletes a model with its versions, tags and policies;
// while it trains, a ConflictException.
func (s *service) DeleteModel(ctx context.Context, req *lookout.DeleteModelRequest) (*lookout.DeleteModelResponse, error) {
	if err := s.st.DeleteModel(ctx, req.ModelName); err != nil {
		return nil, serviceError(err)
	}
	s.detectors.forget(req.ModelName)
	return &lookout.DeleteModelResponse{}, nil
}

// DescribeModelVersion returns a version of a model.
func (s *service) DescribeModelVersion(ctx context.Context, req *lookout.DescribeModelVersionRequest) (*lookout.DescribeModelVersionResponse, error) {
	v, err := s.st.ModelVersion(ctx, req.ModelName, deref64(req.ModelVersion))
	if err != nil {
		return nil, serviceError(err)
	}
	cfg, err := decodeModelConfig(v.Config)
	if err != nil {
		return nil, err
	}
	var ts timestamps
	resp := &lookout.DescribeModelVersionResponse{
		ModelName: v.Model, ModelArn: v.ModelARN, ModelVersion: new(v.Version), ModelVersionArn: v.ARN,
		Status: lookout.ModelVersionStatus(v.Status), SourceType: lookout.ModelVersionSourceType(v.SourceType),
		DatasetName: v.Dataset, DatasetArn: v.DatasetARN, Schema: cfg.Schema, LabelsInputConfiguration: cfg.Labels,
		TrainingDataStartTime: wireOf(cfg.TrainingStart), TrainingDataEndTime: wireOf(cfg.TrainingEnd),
		EvaluationDataStartTime: wireOf(cfg.EvaluationStart), EvaluationDataEndTime: wireOf(cfg.EvaluationEnd),
		RoleArn: cfg.RoleArn, OffCondition: cfg.OffCondition, ModelDiagnosticsOutputConfiguration: cfg.Diagnostics,
		ServerSideKmsKeyId: cfg.KMSKeyID, FailedReason: v.FailedReason, ModelMetrics: v.Metrics,
		CreatedAt: ts.of(v.CreatedAt), LastUpdatedTime: ts.of(v.UpdatedAt),
		TrainingExecutionStartTime: ts.of(v.Started), TrainingExecutionEndTime: ts.of(v.Ended),
		AutoPromotionResult: lookout.AutoPromotionResult(v.Promotion), SourceModelVersionArn: v.SourceARN,
	}
	if cfg.Rate != "" {
		resp.DataPreProcessingConfiguration = &lookout.DataPreProcessingConfiguration{TargetSamplingRate: cfg.Rate}
	}
	if d := cfg.Diagnostics; d != nil && d.S3OutputConfiguration != nil && v.Status == store.ModelSuccess {
		resp.ModelDiagnosticsResultsObject = &lookout.S3Object{Bucket: d.S3OutputConfiguration.Bucket,
			Key: deref(d.S3OutputConfiguration.Prefix) + diagnosticsName}
	}
	return resp, nil
}

// deref64 is *p, or 0 for nil.
func deref64(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// ListModelVersions returns a page of a model's versions, by number.
func (s *service) ListModelVersions(ctx context.Context, req *lookout.ListModelVersionsRequest) (*lookout.ListModelVersionsResponse, error) {
	list, next, err := s.st.ListModelVersions(ctx, store.VersionFilter{
		Model: req.ModelName, Status: string(req.Status), SourceType: string(req.SourceType),
		MinVersion: deref64(req.MinModelVersion), MaxVersion: deref64(req.MaxModelVersion),
		CreatedFrom: timeOfWire(req.CreatedAtStartTime), CreatedTo: timeOfWire(req.CreatedAtEndTime),
	}, pageOf(req.MaxResults, deref(req.NextToken)))
	if err != nil {
		return nil, serviceError(err)
	}
	resp := &lookout.ListModelVersionsResponse{NextToken: optional(next), ModelVersionSummaries: make([]lookout.ModelVersionSummary, len(list))}
	for i, v := range list {
		resp.ModelVersionSummaries[i] = lookout.ModelVersionSummary{ModelName: v.Model, ModelArn: v.ModelARN,
			ModelVersion: new(v.Version), ModelVersionArn: v.ARN, CreatedAt: new(lookout.TimestampOf(v.CreatedAt)),
			Status: lookout.ModelVersionStatus(v.Status), SourceType: lookout.ModelVersionSourceType(v.SourceType)}
	}
	return resp, nil
}

// UpdateActiveModelVersion makes a SUCCESS version the active one and
// reports the one active before.
func (s *service) UpdateActiveModelVersion(ctx context.Context, req *lookout.UpdateActiveModelVersionRequest) (*lookout.UpdateActiveModelVersionResponse, error) {
	before, after, err := s.st.SetActiveVersion(ctx, req.ModelName, deref64(req.ModelVersion))
	if err != nil {
		return nil, serviceError(err)
	}
	resp := &lookout.UpdateActiveModelVersionResponse{ModelName: after.Name, ModelArn: after.ARN,
		CurrentActiveVersion: new(after.Active), CurrentActiveVersionArn: after.VersionARN(after.Active)}
	if before.Active > 0 {
		resp.PreviousActiveVersion, resp.PreviousActiveVersionArn = new(before.Active), before.VersionARN(before.Active)
	}
	return resp, nil
}

// ImportModelVersion copies a version this endpoint holds into a model:
// the model named, made when it does not exist (on the source's dataset
// unless DatasetName names another, ACTIVE), through IMPORT_IN_PROGRESS.
// A replay of ClientToken with the same parameters returns the version it
// made as it is now, into a new model or an existing one.
//
// InferenceDataImportStrategy becomes the model's (the latest import's
// applies, NO_IMPORT when absent): with ADD_WHEN_EMPTY or OVERWRITE its
// retrainings add the rows its inference schedulers read (inferimport.go).
func (s *service) ImportModelVersion(ctx context.Context, req *lookout.ImportModelVersionRequest) (*lookout.ImportModelVersionResponse, error) {
	strategy := lookout.InferenceDataImportStrategy("")
	if importsInference(req.InferenceDataImportStrategy) {
		strategy = req.InferenceDataImportStrategy
	}
	src, err := s.st.VersionByARN(ctx, req.SourceModelVersionArn)
	if err != nil {
		return nil, serviceError(err)
	}
	if src.Status != store.ModelSuccess {
		return nil, &lookout.ValidationException{Message: "Source model version " + src.ARN + " is " + src.Status + ", not SUCCESS"}
	}
	cfg, err := decodeModelConfig(src.Config)
	if err != nil {
		return nil, err
	}
	if req.LabelsInputConfiguration != nil {
		cfg.Labels = req.LabelsInputConfiguration
	}
	if req.RoleArn != "" {
		cfg.RoleArn = strings.Clone(req.RoleArn)
	}
	cfg.InferenceImport, cfg.InferenceImportFrom = strategy, ""
	if strategy != "" {
		cfg.InferenceImportFrom = src.Model
	}
	doc, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	name := strings.Clone(req.ModelName)
	if name == "" {
		name = src.Model
	}
	nv := store.NewVersion{SourceType: store.SourceImport, Status: store.ModelImportInProgress, Config: doc,
		SourceARN: src.ARN, ClientToken: strings.Clone(req.ClientToken),
		// Into an existing model: its strategy becomes this import's.
		ModelConfig: func(config []byte) ([]byte, error) {
			c, err := decodeModelConfig(config)
			if err != nil {
				return nil, err
			}
			c.InferenceImport, c.InferenceImportFrom = cfg.InferenceImport, cfg.InferenceImportFrom
			return json.Marshal(c)
		}}
	v, replay, err := s.st.AddVersion(ctx, name, nv)
	var nf *store.NotFoundError
	if errors.As(err, &nf) && nf.Resource == store.ResourceModel {
		dataset := req.DatasetName
		if dataset == "" {
			dataset = src.Dataset
		}
		var m store.Model
		m, replay, err = s.st.CreateModel(ctx, store.NewModel{Name: name, ClientToken: strings.Clone(req.ClientToken),
			Dataset: dataset, Config: doc, Tags: tagsOf(req.Tags), Import: src.ARN})
		if err != nil {
			return nil, serviceError(err)
		}
		v, err = s.st.ModelVersion(ctx, m.Name, 1)
		if err != nil {
			return nil, serviceError(err)
		}
	} else if err != nil {
		return nil, serviceError(err)
	}
	if s.train != nil && !replay {
		s.train.enqueue(v.Model, v.Version)
	}
	return &lookout.ImportModelVersionResponse{ModelName: v.Model, ModelArn: v.ModelARN, ModelVersionArn: v.ARN,
		ModelVersion: new(v.Version), Status: lookout.ModelVersionStatus(v.Status)}, nil
}
