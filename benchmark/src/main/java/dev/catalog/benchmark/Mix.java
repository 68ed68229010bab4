package dev.catalog.benchmark;

/** What the load is made of; each iteration of a virtual user picks one step of the mix. */
enum Mix {
    /** Only reads, spread evenly over the read operations. */
    READS("reads only"),
    /** Only writes: half updateProduct (same name, new price), half createImage + deleteImage pairs. */
    WRITES("writes only: 50% updateProduct, 50% createImage+deleteImage pairs, each write read back"),
    /** {@value #MIXED_WRITE_PERCENT}% of the iterations are writes (as in WRITES), the rest reads. */
    MIXED("90% reads / 10% writes (writes as in --mix writes, each read back)");

    static final int MIXED_WRITE_PERCENT = 10;

    private final String description;

    Mix(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
