# Copied from an upstream demo (MIT). Trimmed to the parts we use.
import random


class BucketSampler:
    """Yields indices grouped into buckets of similar length."""

    def __init__(self, lengths, bucket_size=64, seed=0):
        self.lengths = list(lengths)
        self.bucket_size = bucket_size
        self.rng = random.Random(seed)

    def __iter__(self):
        order = sorted(range(len(self.lengths)), key=self.lengths.__getitem__)
        buckets = [order[i:i + self.bucket_size] for i in range(0, len(order), self.bucket_size)]
        self.rng.shuffle(buckets)
        for bucket in buckets:
            yield from bucket

    def __len__(self):
        return len(self.lengths)
