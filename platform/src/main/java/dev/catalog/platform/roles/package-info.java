/**
 * The roles of an instance ({@code CATALOG_ROLES}): which parts of the service it runs, so that a deployment can
 * scale the API and the asynchronous processors apart ({@link dev.catalog.platform.roles.InstanceRoles}).
 */
package dev.catalog.platform.roles;
