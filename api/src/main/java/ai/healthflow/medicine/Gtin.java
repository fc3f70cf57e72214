package ai.healthflow.medicine;

/** GS1 GTIN-13 and GTIN-14 (the barcodes on medicine packs): digits only, with a valid mod-10 check digit. */
public final class Gtin {
    private Gtin() {
    }

    public static boolean isValid(String gtin) {
        if (gtin == null || !(gtin.length() == 13 || gtin.length() == 14)) {
            return false;
        }
        for (int i = 0; i < gtin.length(); i++) {
            if (gtin.charAt(i) < '0' || gtin.charAt(i) > '9') {
                return false;
            }
        }
        return checkDigit(gtin.substring(0, gtin.length() - 1)) == gtin.charAt(gtin.length() - 1) - '0';
    }

    /** GS1: from the right, digits alternate weights 3 and 1; the check digit tops the sum up to a multiple of 10. */
    static int checkDigit(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = body.charAt(body.length() - 1 - i) - '0';
            sum += digit * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - sum % 10) % 10;
    }
}
