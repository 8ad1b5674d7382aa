# samples/README.md describes the samples; it is not one itself, so it is
# left out of the documents that `make samples` renders.
SAMPLES := $(filter-out samples/README.md,$(SAMPLES))
