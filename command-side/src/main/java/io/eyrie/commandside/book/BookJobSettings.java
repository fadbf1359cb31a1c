package io.eyrie.commandside.book;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param jobTimeout how long an action waits for its Book job before it is recorded as failed */
@ConfigurationProperties("eyrie.books")
public record BookJobSettings(@DefaultValue("10m") Duration jobTimeout) {
}
