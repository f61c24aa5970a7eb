/* Source of the empty archive this shim hands to the worker's link_whole. */
typedef int ms_shim_empty_translation_unit;
