(load-theme 'wombat t)
(set-face-attribute 'mode-line nil :box nil)
(menu-bar-mode -1)
