<?php
// A catalogue page that counts visits in a session and shows the item picked by ?id=.
// Session files beside the script: the corpus removes the folder afterwards (php.ini's default is /tmp).
session_save_path(__DIR__);
session_start();
$_SESSION['visits'] = ($_SESSION['visits'] ?? 0) + 1;
$items = ['1' => 'teapot', '2' => 'kettle', '3' => 'mug'];
?><!doctype html>
<html><head><title>Catalogue</title></head><body>
<?php if (isset($_GET['id'])): ?>
<h1><?= htmlspecialchars($items[$_GET['id']]) ?></h1>
<?php else: ?>
<h1>Catalogue</h1>
<?php endif ?>
</body></html>
