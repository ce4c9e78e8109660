#!/usr/bin/env python3
"""Proves check-architecture.py fails on planted violations: it runs the check on a copy of the
repository's docs/, migrations/ and src/ in a temporary folder, once clean and once per planted
fault. Run by ctest (label `lint`)."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECK = os.path.join(REPO, "scripts", "check-architecture.py")


class CheckArchitecture(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="check-architecture-")
        for folder in ("docs", "migrations", "src"):
            shutil.copytree(os.path.join(REPO, folder), os.path.join(self.root, folder))

    def tearDown(self):
        shutil.rmtree(self.root)

    def run_check(self):
        done = subprocess.run([sys.executable, CHECK, "--root", self.root], capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr

    def plant(self, relative, text):
        path = os.path.join(self.root, relative)
        with open(path, "a", encoding="utf-8") as f:
            f.write(text)

    def test_the_tree_as_it_is_passes(self):
        code, out = self.run_check()
        self.assertEqual(code, 0, out)

    def test_an_include_up_the_layers_fails(self):
        self.plant("src/catalog/products.cpp", '\n#include "orders/order_service.hpp"\n')
        code, out = self.run_check()
        self.assertEqual(code, 1, out)
        self.assertIn("src/catalog/products.cpp", out)
        self.assertIn("includes orders/order_service.hpp", out)

    def test_an_include_of_a_folder_in_the_same_layer_fails(self):
        self.plant("src/media/photos.cpp", '\n#include "inventory/forecast.hpp"\n')
        code, out = self.run_check()
        self.assertEqual(code, 1, out)
        self.assertIn("includes inventory/forecast.hpp", out)

    def test_an_include_of_another_folders_detail_fails(self):
        self.plant("src/orders/order.cpp", '\n#include "catalog/detail/product_rows.hpp"\n')
        code, out = self.run_check()
        self.assertEqual(code, 1, out)
        self.assertIn("private to catalog", out)

    def test_a_write_to_a_table_of_another_folder_fails(self):
        self.plant(
            "src/media/photos.cpp",
            '\nconstexpr const char* kBad = R"(\nINSERT INTO products (tenant_id, product_id) VALUES ($1, $2)\n)";\n')
        code, out = self.run_check()
        self.assertEqual(code, 1, out)
        self.assertIn("src/media/photos.cpp", out)
        self.assertIn("writes table products, owned by catalog", out)

    def test_updates_deletes_and_upserts_count_as_writes(self):
        self.plant("src/orders/order.cpp",
                   '\nconst char* kA = "UPDATE stores SET slug = $1";\n'
                   'const char* kB = "DELETE FROM sessions WHERE user_id = $1";\n'
                   'const char* kC = "INSERT OR REPLACE INTO outbox (event_id) VALUES ($1)";\n')
        code, out = self.run_check()
        self.assertEqual(code, 1, out)
        self.assertIn("writes table stores", out)
        self.assertIn("writes table sessions", out)
        self.assertIn("writes table outbox", out)

    def test_a_read_without_a_read_model_fails(self):
        self.plant("src/media/photos.cpp", '\nconst char* kPeek = "SELECT count(*) FROM orders WHERE tenant_id = $1";\n')
        code, out = self.run_check()
        self.assertEqual(code, 1, out)
        self.assertIn("reads table orders, owned by orders, without a read model for media", out)

    def test_a_declared_read_model_passes(self):
        self.plant("src/inventory/forecast.cpp", '\nconst char* kRead = "SELECT stock_quantity FROM products";\n')
        code, out = self.run_check()
        self.assertEqual(code, 0, out)

    def test_sql_in_comments_and_prose_in_lower_case_do_not_count(self):
        self.plant("src/media/photos.cpp",
                   '\n// UPDATE products SET image = $1 is the catalog\'s job\n'
                   'const char* kMessage = "Removed from orders and deleted from stores.";\n')
        code, out = self.run_check()
        self.assertEqual(code, 0, out)

    def test_tests_are_exempt(self):
        self.plant("src/media/photos_test.cpp",
                   '\n#include "orders/order_service.hpp"\nconst char* kSeed = "INSERT INTO orders (order_id) VALUES ($1)";\n')
        code, out = self.run_check()
        self.assertEqual(code, 0, out)

    def test_a_second_library_in_a_folder_fails(self):
        self.plant("src/catalog/CMakeLists.txt", "\nadd_library(webdpro_catalog_extra STATIC csv.cpp)\n")
        code, out = self.run_check()
        self.assertEqual(code, 1, out)
        self.assertIn("builds library webdpro_catalog_extra", out)

    def test_a_table_without_an_owner_fails(self):
        with open(os.path.join(self.root, "migrations", "sqlite", "9999_planted.sql"), "w", encoding="utf-8") as f:
            f.write("CREATE TABLE planted (id TEXT PRIMARY KEY) STRICT;\n")
        code, out = self.run_check()
        self.assertEqual(code, 1, out)
        self.assertIn("table planted has no owner", out)

    def test_a_folder_missing_from_the_layers_fails(self):
        os.makedirs(os.path.join(self.root, "src", "planted"))
        code, out = self.run_check()
        self.assertEqual(code, 1, out)
        self.assertIn("src/planted: not in the layers", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
