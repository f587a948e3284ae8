"""Stage 3, map: the located header -> ``column_map.ColumnMap`` (``detect.column_map_of``).

One meaning per column with a confidence and a reason, the Rp scale and the header's signature (to
find a stored mapping for the next file of the same shape).  ``detect.header_of`` turns a mapping a
person confirmed back into the header the later stages read.
"""
