package org.ipcspec.spec.jvm;

/**
 * What stat(2) says of a path.
 *
 * @param type the file type: {@code fifo}, {@code file}, {@code directory}, {@code socket},
 *     {@code symlink}, {@code char} or {@code block}
 * @param size {@code st_size}
 * @param mode the permission bits, {@code st_mode & 07777}
 */
public record FileStatus(String type, long size, int mode) {}
