package ai.healthflow.testing;

/** The demo accounts (config/test.yml loads demo data), by role. */
public enum Demo {
    SUPER_ADMIN("admin@healthflow.ai", "Admin123!"),
    OFFICER("officer@eda.demo", "Officer123!"),
    VIEWER("viewer@eda.demo", "Viewer123!"),
    CAIRO_ADMIN("admin@cairo-general.demo", "Tenant123!"),
    CAIRO_DOCTOR("doctor@cairo-general.demo", "Doctor123!"),
    CAIRO_NURSE("nurse@cairo-general.demo", "Nurse123!"),
    ALEX_DOCTOR("doctor@alex-medical.demo", "Doctor123!"),
    PHARMACIST("pharmacist@elshifa.demo", "Pharma123!");

    public final String email;
    public final String password;

    Demo(String email, String password) {
        this.email = email;
        this.password = password;
    }

    public String login(Http http) {
        return http.login(email, password);
    }
}
