package ai.healthflow.pharmacy;

import ai.healthflow.platform.error.FieldError;
import ai.healthflow.tenant.Governorates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Every problem with a pharmacy profile or a stock line, each naming its field. */
final class PharmacyValidator {
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{4,17}[0-9]");
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000");
    static final int MAX_QUANTITY = 1_000_000;

    private PharmacyValidator() {
    }

    static List<FieldError> validate(PharmacyProfileRequest r) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "addressEn", r.addressEn(), 300);
        text(errors, "addressAr", r.addressAr(), 300);
        arabic(errors, "addressAr", r.addressAr());
        text(errors, "cityEn", r.cityEn(), 100);
        text(errors, "cityAr", r.cityAr(), 100);
        arabic(errors, "cityAr", r.cityAr());
        if (r.governorate() == null || !Governorates.ALL.contains(r.governorate())) {
            errors.add(new FieldError("governorate", "must be one of " + Governorates.ALL));
        }
        if (r.latitude() == null || r.latitude().isNaN() || r.latitude() < -90 || r.latitude() > 90) {
            errors.add(new FieldError("latitude", "is required, from -90 to 90"));
        }
        if (r.longitude() == null || r.longitude().isNaN() || r.longitude() < -180 || r.longitude() > 180) {
            errors.add(new FieldError("longitude", "is required, from -180 to 180"));
        }
        if (r.phone() != null && !PHONE.matcher(r.phone().strip()).matches()) {
            errors.add(new FieldError("phone", "must be 6-19 digits, spaces or '-', optionally after a '+'"));
        }
        if (r.rating() != null && (r.rating().signum() < 0 || r.rating().compareTo(BigDecimal.valueOf(5)) > 0
                || r.rating().stripTrailingZeros().scale() > 1)) {
            errors.add(new FieldError("rating", "must be from 0 to 5 with at most one decimal"));
        }
        if (r.openingHours() == null) {
            errors.add(new FieldError("openingHours", "is required: {\"open24h\": true} or intervals per weekday"));
        } else {
            errors.addAll(r.openingHours().validate("openingHours"));
        }
        return errors;
    }

    static List<FieldError> validate(StockRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.quantity() == null || r.quantity() < 0 || r.quantity() > MAX_QUANTITY) {
            errors.add(new FieldError("quantity", "is required, a whole number from 0 to " + MAX_QUANTITY));
        }
        if (r.priceEgp() == null || r.priceEgp().signum() <= 0 || r.priceEgp().compareTo(MAX_PRICE) > 0
                || r.priceEgp().stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError("priceEgp", "is required, more than 0 and at most 1000000, in piastres at most "
                    + "(two decimals)"));
        }
        return errors;
    }

    private static void text(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.strip().length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void arabic(List<FieldError> errors, String field, String value) {
        if (value != null && !value.isBlank() && value.codePoints().noneMatch(c -> c >= 0x0600 && c <= 0x06FF)) {
            errors.add(new FieldError(field, "must be written in Arabic"));
        }
    }
}
