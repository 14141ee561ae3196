"""networking-ngs: a Neutron ML2 mechanism driver that forwards to ``ngs serve``."""
