#pragma once

// libdwarf's opaque handle types, declared exactly as libdwarf.h declares
// them, so internal headers can name handles while libdwarf itself is
// included by .cpp files only (tests/layering_test.sh).
typedef struct Dwarf_Debug_s* Dwarf_Debug;
typedef struct Dwarf_Die_s* Dwarf_Die;
typedef struct Dwarf_Error_s* Dwarf_Error;
typedef struct Dwarf_Attribute_s* Dwarf_Attribute;
