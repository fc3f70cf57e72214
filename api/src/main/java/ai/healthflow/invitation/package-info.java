/** Invitations: a tenant admin invites an email with a role; the invitee accepts with a single-use token. */
package ai.healthflow.invitation;
