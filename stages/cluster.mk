# stages/cluster.mk - glosy-cluster's private headers are dependencies too.
bin/glosy-cluster: stages/cluster/cluster.h stages/cluster/model.h
