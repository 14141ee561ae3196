import logging

# Without neutron-server's logging setup, Python would print the driver's
# warnings (e.g. "trunk service not importable" under neutron-lib alone) to
# stderr in the middle of the test report.
logging.getLogger("networking_ngs").addHandler(logging.NullHandler())
