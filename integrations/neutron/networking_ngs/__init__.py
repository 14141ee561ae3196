"""networking-ngs: an ML2 mechanism driver forwarding to ``ngs serve``."""
