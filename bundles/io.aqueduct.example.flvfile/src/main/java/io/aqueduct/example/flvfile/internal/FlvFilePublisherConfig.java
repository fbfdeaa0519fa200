package io.aqueduct.example.flvfile.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One file to publish (factory PID {@code io.aqueduct.example.flvfile}): a {@code .cfg} file in the distribution's
 * {@code deploy/} directory, or {@code flvfile:publish FILE STREAM} in the shell, creates one.
 */
@ObjectClassDefinition(name = "Aqueduct example: FLV file publisher",
        description = "Publishes an FLV file as a live stream at real-time pace")
@interface FlvFilePublisherConfig {

    @AttributeDefinition(description = "Absolute path of the FLV file")
    String file();

    @AttributeDefinition(description = "The stream to publish: vhost/app/stream, or app/stream for the default vhost")
    String stream();

    @AttributeDefinition(description = "At the end of the file start again, timestamps continuing; "
            + "false: unpublish at the end")
    boolean loop() default true;
}
