package io.voipconfig.portal.model;

import java.util.List;
import java.util.Optional;

/**
 * How far a write that changes rendered files reaches: how many devices get other files, and for a dry run one of
 * them, file by file (docs/portal-api.md, "Seeing a change spread").
 *
 * @param affectedDevices the devices whose files the write changes: all of an organization's for a change of what it
 *        renders, all of one model's for its model settings, the one device for a device's write; 0 when nothing
 *        rendered changes
 * @param example for a dry run, one affected device's files before and after the write; empty for a real write and
 *        when no device is affected
 */
public record ChangeSpread(long affectedDevices, Optional<Example> example) {

    public static ChangeSpread of(long affectedDevices) {
        return new ChangeSpread(affectedDevices, Optional.empty());
    }

    /** One device's files before and after, secrets masked as in the preview. */
    public record Example(String mac, List<FileChange> files) {
    }

    /**
     * @param diff the file's text as a unified diff (before → after, secrets masked on both sides); null when the file
     *        does not change
     */
    public record FileChange(String name, boolean changed, String diff) {
    }
}
