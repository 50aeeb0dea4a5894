package dev.bosun.usage;

import java.math.BigDecimal;

/** US dollars as people read them: no trailing zeros of the database's ten decimals, never 1E+1. */
final class Money {

    private Money() {}

    static BigDecimal plain(BigDecimal usd) {
        BigDecimal stripped = usd.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
