package io.vfiorig.controller.inventory;

/**
 * When the lab runs by itself.
 *
 * @param nightly the nightly run
 */
public record Schedule(NightlySchedule nightly) {}
