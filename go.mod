module github.com/lookout-equipment/lookoutequipment

go 1.24.0

require github.com/aws/smithy-go v1.28.9
