package io.eyrie.queryside.deployment;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.HashMap;
import java.util.Map;

/**
 * Which release each of a deployment's jobs deployed, so that a job's end finds its release by key rather than by
 * a query on the release's job (which a store without secondary indexes answers by reading every release).
 */
@Document(ReleaseJobsDocument.COLLECTION)
final class ReleaseJobsDocument {
    static final String COLLECTION = "release_jobs";

    @Id
    String deploymentId;
    Map<String, Integer> versions = new HashMap<>();

    static ReleaseJobsDocument of(String deploymentId) {
        ReleaseJobsDocument jobs = new ReleaseJobsDocument();
        jobs.deploymentId = deploymentId;
        return jobs;
    }
}
