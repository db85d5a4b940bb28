/** The audit log: one JSON object a line, in a file rotated by size. */
package io.dynamicmcp.core.audit;
