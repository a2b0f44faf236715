package io.voipconfig.phoneservice;

import java.util.Collection;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.voipconfig.common.phone.PhoneDirectory;
import io.voipconfig.phoneservice.ChangeListener.PhoneDataChanged;

/**
 * Forgets every cached entry when the change consumer is (re)assigned its partitions — at start, after a rebalance,
 * after a broker outage. Each replica's group starts at the latest offset, so changes published while it was not
 * assigned are never read; dropping the caches makes the next requests read the database instead
 * (docs/config-service.md, "When Kafka is away"). Channel {@code changes}:
 * {@code consumer-rebalance-listener.name=changes-rebalance}.
 */
@ApplicationScoped
@Identifier("changes-rebalance")
public class ChangeConsumerRebalance implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(ChangeConsumerRebalance.class);

    private final PhoneDirectory directory;
    private final Event<PhoneDataChanged> changed;

    public ChangeConsumerRebalance(PhoneDirectory directory, Event<PhoneDataChanged> changed) {
        this.directory = directory;
        this.changed = changed;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.debugf("change consumer assigned %d partitions: dropping every cached entry", partitions.size());
        directory.invalidateAll();
        changed.fire(new PhoneDataChanged(Optional.empty()));
    }
}
