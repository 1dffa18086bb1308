#ifndef WIRESCORE_CLIBXML2_SHIM_H
#define WIRESCORE_CLIBXML2_SHIM_H
/* The libxml2 headers WirescoreXML uses: the SAX2 XML parser and the HTML parser. */
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/entities.h>
#include <libxml/encoding.h>
#include <libxml/xmlIO.h>
#endif
