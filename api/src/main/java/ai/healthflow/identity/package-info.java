/** Identity: users, tenants, memberships and roles, password hashing, login and the authenticated caller. */
package ai.healthflow.identity;
