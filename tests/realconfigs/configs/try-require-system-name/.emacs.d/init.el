;;; init.el --- Ingrid's Emacs configuration

;; Started in 2009 on a university workstation; the shared parts still
;; have to work on machines where half the packages are missing.

;;* Loading

(defvar my--missing-packages nil
  "Libraries `try-require' could not find.")

;; Require a library if it is there; if not, say so and go on.
(unless (fboundp 'try-require)
  (defun try-require (feature)
    "Load FEATURE if available and return non-nil when it loaded."
    (condition-case nil
        (progn
          (if (stringp feature)
              (load-library feature)
            (require feature))
          t)
      (file-error
       (add-to-list 'my--missing-packages feature 'append)
       (message "Requiring `%s'... missing" feature)
       nil))))

(defmacro with-library (feature &rest body)
  "Evaluate BODY when FEATURE can be loaded."
  (declare (indent 1))
  `(when (try-require ,feature)
     ,@body))

;;* Basics

(setq inhibit-startup-screen t
      initial-scratch-message nil
      visible-bell t
      ring-bell-function 'ignore)
(fset 'yes-or-no-p 'y-or-n-p)
(prefer-coding-system 'utf-8)
(set-language-environment "UTF-8")
(column-number-mode 1)
(show-paren-mode 1)
(global-font-lock-mode 1)
(when (fboundp 'tool-bar-mode) (tool-bar-mode -1))
(setq-default indent-tabs-mode nil
              fill-column 78)

(with-library 'uniquify
  (setq uniquify-buffer-name-style 'post-forward))

(with-library 'bbdb
  (bbdb-initialize 'gnus 'message)
  (setq bbdb-offer-save 1))

(with-library "ispell"
  (setq ispell-program-name "aspell"
        ispell-dictionary "british"))

;;* Identity

(setq user-full-name "Ingrid Solberg")

(if (member (downcase (system-name)) '("rabarbra" "tyttebaer"))
    ;; Private machines.
    (setq user-mail-address "ingrid@solberg.no"
          smtpmail-smtp-server "smtp.domeneshop.no"
          smtpmail-smtp-service 587)
  ;; Anything else is the institute's.
  (setq user-mail-address "ingrid.solberg@uib.no"
        smtpmail-smtp-server "smtp.uib.no"
        smtpmail-smtp-service 25))

;;* Mail

(with-library 'auth-source
  ;; Log what auth-source does while setting things up.
  (setq auth-source-debug t
        auth-sources '("~/.authinfo.gpg")))

(with-library 'smtpmail
  (setq send-mail-function 'smtpmail-send-it
        message-send-mail-function 'smtpmail-send-it
        smtpmail-stream-type 'starttls
        smtpmail-queue-dir "~/Mail/queued-mail/"
        smtpmail-debug-info t))

(with-library 'message
  (setq message-kill-buffer-on-exit t
        message-signature-file "~/.signature"
        message-citation-line-function 'message-insert-formatted-citation-line
        message-citation-line-format "On %a, %b %d %Y, %N wrote:\n"
        mail-signature-file "~/.signature"))

(with-library 'gnus-leuven-extras
  (setq gnus-summary-line-format "%U%R %d %-20,20n %B%s\n"))

(setq gnus-select-method '(nnimap "uib"
                                  (nnimap-address "imap.uib.no")
                                  (nnimap-server-port "imaps")
                                  (nnimap-stream ssl))
      gnus-message-archive-group "nnimap+uib:Sent"
      gnus-gcc-mark-as-read t)

;;* Keys

(global-set-key (kbd "C-c m") 'compose-mail)
(global-set-key (kbd "<f5>") 'revert-buffer)

(when my--missing-packages
  (message "Missing packages: %S" my--missing-packages))

;;; init.el ends here
