"""The attribution model: features, tags, the network, and its training, calibration, export and use."""
