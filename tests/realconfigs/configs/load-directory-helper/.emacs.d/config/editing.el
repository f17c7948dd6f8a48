(electric-pair-mode 1)
(setq-default tab-width 4)
(global-set-key (kbd "C-;") 'comment-line)
