package main

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// TagResource adds tags to a resource the server holds (a dataset or a
// label group), replacing the value of a key it has; a key given twice
// takes its last value. A resource has at most 200 tags: a call that would
// leave more gets a ValidationException and changes nothing.
func (s *service) TagResource(ctx context.Context, req *lookout.TagResourceRequest) (*lookout.TagResourceResponse, error) {
	if err := s.st.TagResource(ctx, req.ResourceArn, tagsOf(req.Tags)); err != nil {
		return nil, serviceError(err)
	}
	return &lookout.TagResourceResponse{}, nil
}

// UntagResource removes the tags of those keys from a resource; a key it
// does not have is no error.
func (s *service) UntagResource(ctx context.Context, req *lookout.UntagResourceRequest) (*lookout.UntagResourceResponse, error) {
	if err := s.st.UntagResource(ctx, req.ResourceArn, cloneStrings(req.TagKeys)); err != nil {
		return nil, serviceError(err)
	}
	return &lookout.UntagResourceResponse{}, nil
}

// ListTagsForResource returns a resource's tags, by key.
func (s *service) ListTagsForResource(ctx context.Context, req *lookout.ListTagsForResourceRequest) (*lookout.ListTagsForResourceResponse, error) {
	tags, err := s.st.Tags(ctx, req.ResourceArn)
	if err != nil {
		return nil, serviceError(err)
	}
	resp := &lookout.ListTagsForResourceResponse{Tags: make([]lookout.Tag, len(tags))}
	for i := range tags {
		resp.Tags[i] = lookout.Tag{Key: tags[i].Key, Value: &tags[i].Value}
	}
	return resp, nil
}

// PutResourcePolicy sets the policy of a resource the server holds. The
// service puts policies on models and model versions; until the server
// holds models, it takes them on any resource it holds (datasets, label
// groups). The policy must be a JSON object (a ValidationException
// otherwise); the server stores it and enforces nothing. A PolicyRevisionId
// must be the current policy's (ConflictException otherwise, and when
// there is none); without one, the Put replaces any policy.
func (s *service) PutResourcePolicy(ctx context.Context, req *lookout.PutResourcePolicyRequest) (*lookout.PutResourcePolicyResponse, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(req.ResourcePolicy), &doc); err != nil || doc == nil {
		return nil, &lookout.ValidationException{Message: "ResourcePolicy is not a JSON object"}
	}
	p, _, err := s.st.PutPolicy(ctx, store.NewPolicy{
		ARN:         strings.Clone(req.ResourceArn),
		Document:    strings.Clone(req.ResourcePolicy),
		RevisionID:  strings.Clone(req.PolicyRevisionId),
		ClientToken: strings.Clone(req.ClientToken),
	})
	if err != nil {
		return nil, serviceError(err)
	}
	return &lookout.PutResourcePolicyResponse{ResourceArn: p.ARN, PolicyRevisionId: p.RevisionID}, nil
}

// DescribeResourcePolicy returns a resource's policy, its revision id and
// when it was made and last put.
func (s *service) DescribeResourcePolicy(ctx context.Context, req *lookout.DescribeResourcePolicyRequest) (*lookout.DescribeResourcePolicyResponse, error) {
	p, err := s.st.Policy(ctx, req.ResourceArn)
	if err != nil {
		return nil, serviceError(err)
	}
	var ts timestamps
	return &lookout.DescribeResourcePolicyResponse{
		ResourcePolicy:   p.Document,
		PolicyRevisionId: p.RevisionID,
		CreationTime:     ts.of(p.CreatedAt),
		LastModifiedTime: ts.of(p.UpdatedAt),
	}, nil
}

// DeleteResourcePolicy deletes a resource's policy.
func (s *service) DeleteResourcePolicy(ctx context.Context, req *lookout.DeleteResourcePolicyRequest) (*lookout.DeleteResourcePolicyResponse, error) {
	if err := s.st.DeletePolicy(ctx, req.ResourceArn); err != nil {
		return nil, serviceError(err)
	}
	return &lookout.DeleteResourcePolicyResponse{}, nil
}
