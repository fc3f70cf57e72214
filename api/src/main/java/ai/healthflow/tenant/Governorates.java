package ai.healthflow.tenant;

import java.util.List;

/** Egypt's 27 governorates, by their usual English names: the only values a tenant's governorate may take. */
public final class Governorates {
    public static final List<String> ALL = List.of(
            "Alexandria", "Aswan", "Assiut", "Beheira", "Beni Suef", "Cairo", "Dakahlia", "Damietta", "Fayoum",
            "Gharbia", "Giza", "Ismailia", "Kafr El Sheikh", "Luxor", "Matrouh", "Menofia", "Minya", "New Valley",
            "North Sinai", "Port Said", "Qaliubiya", "Qena", "Red Sea", "Sharkia", "Sohag", "South Sinai", "Suez");

    private Governorates() {
    }

    public static boolean isValid(String name) {
        return name == null || ALL.contains(name);
    }
}
