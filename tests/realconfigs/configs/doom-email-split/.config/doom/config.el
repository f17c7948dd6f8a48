;;; $DOOMDIR/config.el -*- lexical-binding: t; -*-

(setq doom-theme 'doom-nord
      display-line-numbers-type 'relative
      org-directory "~/org/")

(load! "email")
(load! "secrets" doom-user-dir t)

(map! :leader
      :desc "Open mail" "o m" #'mu4e)

(after! org
  (setq org-log-done 'time))
