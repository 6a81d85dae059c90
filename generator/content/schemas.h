/* schemas.h - the XML schemas of generator/schemas/, compiled into accord so
 * that no content directory can supply or replace them. */
#ifndef ACCORD_SCHEMAS_H
#define ACCORD_SCHEMAS_H

#include <stddef.h>

typedef struct embedded_schema {
    const char *name; /* file name without ".xsd" */
    const unsigned char *data;
    size_t len;
} embedded_schema;

/* Terminated by an entry whose name is NULL. */
extern const embedded_schema embedded_schemas[];

#endif
