package io.aqueduct.config.srs.internal;

/**
 * Where a directive may appear, and which configuration a block of that kind creates ({@code null} when its
 * values go to the enclosing block's configuration, as {@code play} and {@code publish} do for the vhost).
 */
enum Section {
    ROOT(null),
    HTTP_SERVER(Target.HTTP_SERVER),
    VHOST(Target.VHOST),
    PLAY(null),
    PUBLISH(null),
    HTTP_REMUX(Target.HTTP_REMUX),
    FORWARD(Target.FORWARD),
    CLUSTER(Target.EDGE);

    final Target creates;

    Section(Target creates) {
        this.creates = creates;
    }
}
