package io.eyrie.api.project;

/** The new owner is an admin member from now on; so is the previous owner. */
public record ProjectOwnershipTransferred(ProjectId project, String previousOwner, String newOwner) {
}
