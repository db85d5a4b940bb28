// SPDX-License-Identifier: GPL-2.0
/*
 * dmz_zoo — a kernel module that fails on purpose, one way per "failure" parameter.
 *
 * Used by scripts/make-zoo-dumps to make real kernel panic dumps for testing crash-dump
 * triage (see docs/test-dump.md, "Panic zoo"). Never load it on a machine you care about.
 *
 *   insmod dmz_zoo.ko failure=<name>
 *
 *   null-deref    read through a NULL pointer returned by a failed lookup (oops)
 *   bug           BUG_ON() on a reference count that is not zero (oops, invalid opcode)
 *   gpf           list_del() on an entry whose next pointer was overwritten with a
 *                 LIST_POISON-like non-canonical address (general protection fault)
 *   divide-error  integer division by a zero count (divide error)
 *   soft-lockup   spin forever with preemption disabled (soft lockup)
 *   hung-task     start a kthread "dmz_zoo_waiter" that waits for a completion that is
 *                 never completed (task in D state: hung task)
 *   oom           allocate 4 KiB objects from a slab cache "dmz_zoo_hog" until memory
 *                 runs out (out of memory in the module's own allocation)
 *   none          load and do nothing (an innocent tainting module)
 *
 * Every failure runs in the insmod task (except hung-task's kthread) through
 * dmz_zoo_init -> dmz_zoo_trigger -> dmz_zoo_<failure>, so back traces have a few frames
 * of their own. The functions are noinline and do some work after their calls so that
 * the compiler keeps every frame.
 */
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/poison.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *failure = "none";
module_param(failure, charp, 0444);
MODULE_PARM_DESC(failure, "how to fail: null-deref, bug, gpf, divide-error, soft-lockup, hung-task, oom, none");

struct dmz_zoo_item {
	struct list_head node;
	const char *name;
	int refcount;
	long value;
};

static struct dmz_zoo_item dmz_zoo_items[] = {
	{ .name = "alpha", .refcount = 1, .value = 1 },
	{ .name = "beta", .refcount = 1, .value = 2 },
	{ .name = "gamma", .refcount = 1, .value = 3 },
};
static LIST_HEAD(dmz_zoo_list);
/* Read through READ_ONCE so that the compiler cannot fold the division away. */
static int dmz_zoo_parts;
static DECLARE_COMPLETION(dmz_zoo_never);
static struct task_struct *dmz_zoo_waiter_task;
static struct kmem_cache *dmz_zoo_hog_cache;
static unsigned long dmz_zoo_hog_count;
static LIST_HEAD(dmz_zoo_hog_list);

static noinline struct dmz_zoo_item *dmz_zoo_lookup(const char *name)
{
	struct dmz_zoo_item *item;

	list_for_each_entry(item, &dmz_zoo_list, node)
		if (!strcmp(item->name, name))
			return item;
	return NULL;
}

/* NULL pointer dereference: the lookup fails and nobody checks. */
static noinline long dmz_zoo_null_deref(void)
{
	struct dmz_zoo_item *item = dmz_zoo_lookup("delta");

	pr_info("dmz_zoo: delta has value %ld\n", READ_ONCE(item->value));
	return 0;
}

/* BUG_ON: an item about to be freed is still referenced. */
static noinline long dmz_zoo_bug_on(void)
{
	struct dmz_zoo_item *item = dmz_zoo_lookup("beta");

	BUG_ON(READ_ONCE(item->refcount) != 0);
	pr_info("dmz_zoo: beta released\n");
	return 0;
}

/* List corruption: a stray write leaves a poisoned next pointer, list_del() follows it. */
static noinline long dmz_zoo_list_corrupt(void)
{
	struct dmz_zoo_item *item = dmz_zoo_lookup("beta");

	WRITE_ONCE(item->node.next, (struct list_head *)(POISON_POINTER_DELTA + 0x400));
	list_del(&item->node);
	pr_info("dmz_zoo: beta unlinked\n");
	return 0;
}

/* Divide error: an average over zero parts. */
static noinline long dmz_zoo_divide(void)
{
	long total = 0;
	int i;

	for (i = 0; i < ARRAY_SIZE(dmz_zoo_items); i++)
		total += dmz_zoo_items[i].value;
	total /= READ_ONCE(dmz_zoo_parts);
	pr_info("dmz_zoo: average %ld\n", total);
	return total;
}

/* Soft lockup: busy-wait with preemption disabled for a flag nobody sets. */
static noinline long dmz_zoo_spin(void)
{
	static int dmz_zoo_ready;
	unsigned long loops = 0;

	preempt_disable();
	while (!READ_ONCE(dmz_zoo_ready)) {
		cpu_relax();
		loops++;
	}
	preempt_enable();
	pr_info("dmz_zoo: ready after %lu loops\n", loops);
	return 0;
}

/* Hung task: wait (uninterruptibly) for a completion that is never completed. */
static noinline long dmz_zoo_wait_forever(void)
{
	wait_for_completion(&dmz_zoo_never);
	pr_info("dmz_zoo: done waiting\n");
	return 0;
}

static int dmz_zoo_waiter(void *unused)
{
	long ret = dmz_zoo_wait_forever();

	pr_info("dmz_zoo: waiter exits (%ld)\n", ret);
	return 0;
}

static noinline long dmz_zoo_start_waiter(void)
{
	dmz_zoo_waiter_task = kthread_run(dmz_zoo_waiter, NULL, "dmz_zoo_waiter");
	if (IS_ERR(dmz_zoo_waiter_task))
		return PTR_ERR(dmz_zoo_waiter_task);
	pr_info("dmz_zoo: started dmz_zoo_waiter, pid %d\n", task_pid_nr(dmz_zoo_waiter_task));
	return 0;
}

/*
 * A constructor keeps SLUB from merging the cache into a compatible one (e.g. biovec-max), so
 * the OOM report's "Unreclaimable slab info" names dmz_zoo_hog.
 */
static void dmz_zoo_hog_ctor(void *obj)
{
	INIT_LIST_HEAD(obj);
}

/* Out of memory: keep every object allocated from our own slab cache. */
static noinline long dmz_zoo_hog(void)
{
	struct list_head *obj;

	dmz_zoo_hog_cache = kmem_cache_create("dmz_zoo_hog", 4096, 0, 0, dmz_zoo_hog_ctor);
	if (!dmz_zoo_hog_cache)
		return -ENOMEM;
	while ((obj = kmem_cache_alloc(dmz_zoo_hog_cache, GFP_KERNEL))) {
		list_add(obj, &dmz_zoo_hog_list);
		dmz_zoo_hog_count++;
	}
	pr_info("dmz_zoo: hoarded %lu objects\n", dmz_zoo_hog_count);
	return 0;
}

static noinline long dmz_zoo_trigger(const char *how)
{
	long ret;

	pr_info("dmz_zoo: failure=%s\n", how);
	if (!strcmp(how, "null-deref"))
		ret = dmz_zoo_null_deref();
	else if (!strcmp(how, "bug"))
		ret = dmz_zoo_bug_on();
	else if (!strcmp(how, "gpf"))
		ret = dmz_zoo_list_corrupt();
	else if (!strcmp(how, "divide-error"))
		ret = dmz_zoo_divide();
	else if (!strcmp(how, "soft-lockup"))
		ret = dmz_zoo_spin();
	else if (!strcmp(how, "hung-task"))
		ret = dmz_zoo_start_waiter();
	else if (!strcmp(how, "oom"))
		ret = dmz_zoo_hog();
	else if (!strcmp(how, "none"))
		ret = 0;
	else
		ret = -EINVAL;
	pr_info("dmz_zoo: failure=%s returned %ld\n", how, ret);
	return ret;
}

static int __init dmz_zoo_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(dmz_zoo_items); i++)
		list_add_tail(&dmz_zoo_items[i].node, &dmz_zoo_list);
	return dmz_zoo_trigger(failure);
}
module_init(dmz_zoo_init);
/* No module_exit: once loaded, the module stays (and a waiter may still use it). */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Dynamic MCP panic zoo: fails on purpose (test dumps only)");
