/**
 * Drug–drug interactions and allergy checks: the knowledge base (ingredient pairs, drug classes, class rules,
 * loaded from the bundled files and the regulator's import), {@link ai.healthflow.interaction.InteractionChecker}
 * (the Java API the prescription checks call) and {@code /api/v2/interactions}.
 */
package ai.healthflow.interaction;
