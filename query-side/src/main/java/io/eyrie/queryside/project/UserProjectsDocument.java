package io.eyrie.queryside.project;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.TreeSet;

/** The projects one user is a member of, so that listing them is one key lookup, never a scan of all projects. */
@Document(UserProjectsDocument.COLLECTION)
final class UserProjectsDocument {
    static final String COLLECTION = "user_projects";

    @Id
    String user;
    TreeSet<String> projects = new TreeSet<>();

    static UserProjectsDocument of(String user) {
        UserProjectsDocument document = new UserProjectsDocument();
        document.user = user;
        return document;
    }
}
