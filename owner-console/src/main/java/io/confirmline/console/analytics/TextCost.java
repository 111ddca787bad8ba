package io.confirmline.console.analytics;

import java.math.BigDecimal;

/**
 * What 8x8 charged for the tenant's texts whose delivery receipt arrived in the range, in one currency.
 *
 * @param texts the receipts with a price in this currency
 */
public record TextCost(String currency, BigDecimal total, long texts) {
}
