package io.eyrie.commandside.book;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param jobTimeout  how long a job may take, from its creation, before it expires and its action fails
 * @param stepTimeout how long each step of a built-in Book may take before it fails
 */
@ConfigurationProperties("eyrie.books")
public record BookJobSettings(@DefaultValue("10m") Duration jobTimeout, @DefaultValue("5m") Duration stepTimeout) {
}
