package io.inlay.bench.rd;

import io.inlay.cli.rd.RdPoint;

/**
 * One measured encode.
 *
 * @param point  the CSV row
 * @param cached true when it came from the anchor cache (its times were measured by the run that
 *               encoded it, not by this one)
 */
public record RdResult(RdPoint point, boolean cached) {
}
